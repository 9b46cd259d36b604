import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{b as a,c as b}from"./DXDYE6YE.js";import"./2T7W3LGQ.js";import"./MVI3R2YZ.js";import"./SHS4CWPR.js";import"./DESJLWCX.js";import"./32HSK75R.js";import"./3P44XJ5B.js";import"./6IQ3KZRH.js";import"./GBNTJUE6.js";import"./IM3TFGKT.js";export{a as parseEntryFile,b as validateEntryFile};
