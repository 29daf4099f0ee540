import { pagesAreAxeClean } from "./pages-axe";

pagesAreAxeClean("es");
