/* JagaNetral: solves the site's proof-of-work challenge in the background (the ALTCHA scheme,
   self-hosted; see jaganetral/lib/pow.py). Fills every <input data-pow-url> so that, should the
   site be under a flood, the form still goes through instead of being refused. */
(function () {
  "use strict";
  function hex(buf) {
    return Array.from(new Uint8Array(buf)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  async function solve(field) {
    if (!window.crypto || !window.crypto.subtle || !window.fetch) { return; }
    var resp = await fetch(field.getAttribute("data-pow-url"), { credentials: "same-origin", cache: "no-store" });
    var c = await resp.json();
    var enc = new TextEncoder();
    for (var n = 0; n <= c.maxnumber; n++) {
      var digest = await window.crypto.subtle.digest("SHA-256", enc.encode(c.salt + n));
      if (hex(digest) === c.challenge) {
        field.value = btoa(JSON.stringify({
          algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature
        }));
        return;
      }
    }
  }
  function start() {
    document.querySelectorAll("input[data-pow-url]").forEach(function (field) {
      solve(field).catch(function () { /* the form still works while there is no flood */ });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
