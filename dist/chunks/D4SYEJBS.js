import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a}from"./7M2PT5EP.js";import"./YSK452U4.js";import"./DESJLWCX.js";import"./32HSK75R.js";import"./3P44XJ5B.js";import"./6IQ3KZRH.js";import"./GBNTJUE6.js";import"./IM3TFGKT.js";export{a as parseConfig};
