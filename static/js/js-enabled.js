// Loaded (not deferred) at the top of <body>: GOV.UK Frontend styles its JavaScript-enhanced
// components only once the body has these classes. A file rather than inline code, because the
// Content-Security-Policy allows scripts from our own origin only.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
