import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a}from"./6IQ3KZRH.js";import"./GBNTJUE6.js";import"./IM3TFGKT.js";export{a as IsoDate};
