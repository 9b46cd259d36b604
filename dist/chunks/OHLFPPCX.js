import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b}from"./XSQG5NXO.js";import"./XUIY62HP.js";import"./IM3TFGKT.js";export{a as RETRIES,b as createGitHubClient};
