import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b,c,d}from"./RTUAN5EF.js";import"./IV5HYCAI.js";import"./MFT4HP4H.js";import"./KQZGABF3.js";import"./IM3TFGKT.js";export{c as gitMergeBase,a as gitTopLevel,b as resolveCommit,d as treeFromGit};
