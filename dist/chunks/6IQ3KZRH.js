import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a}from"./GBNTJUE6.js";var r=a.string().regex(/^\d{4}-\d{2}-\d{2}$/,"must be a date like 2026-11-22").refine(e=>!Number.isNaN(Date.parse(`${e}T00:00:00Z`))&&new Date(`${e}T00:00:00Z`).toISOString().startsWith(e),{message:"not a calendar date"});export{r as a};
