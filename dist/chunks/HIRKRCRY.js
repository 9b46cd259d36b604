import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{b as a,c as b}from"./LQP4LSPR.js";import"./2T7W3LGQ.js";import"./OVBC6AS3.js";import"./SHS4CWPR.js";import"./WUBO42NI.js";import"./3P44XJ5B.js";import"./6IQ3KZRH.js";import"./GBNTJUE6.js";import"./IM3TFGKT.js";export{a as parseEntryFile,b as validateEntryFile};
