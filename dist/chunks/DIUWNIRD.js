import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
var o=3;export{o as a};
