import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
var s=class extends Error{name="UsageError"};function e(n){return process.env.DEBUG&&n instanceof Error&&n.stack?n.stack:n instanceof Error?n.message:String(n)}export{s as a,e as b};
