import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
