import { pagesAreAxeClean } from "./pages-axe";

pagesAreAxeClean("en");
