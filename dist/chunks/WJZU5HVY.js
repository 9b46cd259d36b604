import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a}from"./C4OTB4X2.js";import"./WUBO42NI.js";import"./3P44XJ5B.js";import"./6IQ3KZRH.js";import"./GBNTJUE6.js";import"./YSK452U4.js";import"./IM3TFGKT.js";export{a as parseConfig};
