import { pagesAreAxeClean } from "./pages-axe";

pagesAreAxeClean("fr");
