import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b,c,d}from"./4D4CIH7L.js";import"./IV5HYCAI.js";import"./MFT4HP4H.js";import"./QKB264DE.js";import"./IM3TFGKT.js";export{c as gitMergeBase,a as gitTopLevel,b as resolveCommit,d as treeFromGit};
