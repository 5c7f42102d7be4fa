/**
 * The one stylesheet of the questionnaire, served by the server at a fixed path (no inline
 * styles, so the Content-Security-Policy needs no unsafe-inline). Mobile first: one column,
 * nothing wider than the screen at 320 px, touch targets of at least 44 px, large type, a
 * strong focus outline; wider screens only get more room. Colours meet WCAG AA contrast.
 */
export const questionnaireCss = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.1875rem;line-height:1.45;color:#0b0c0c;background:#fff;overflow-wrap:break-word}
.banner{background:#1d3557;color:#fff;padding:.75rem 0}
.banner p{margin:0 auto;max-width:40rem;padding:0 1rem;font-weight:600;font-size:1rem}
main{display:block;max-width:40rem;margin:0 auto;padding:1rem 1rem 2rem}
footer{max-width:40rem;margin:0 auto;padding:1rem;border-top:1px solid #b1b4b6;font-size:1rem;color:#383f43}
h1,h2{line-height:1.2;margin:0 0 1rem}
h1{font-size:1.6rem}
h2{font-size:1.3rem}
p{margin:0 0 1rem}
a{color:#1d4f91;text-decoration:underline;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#0b0c0c;text-decoration-thickness:3px}
:focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
a:focus-visible{background:#ffdd00;color:#0b0c0c;box-shadow:0 4px #0b0c0c;outline:none;text-decoration:none}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.back{display:inline-flex;align-items:center;min-height:44px;margin-bottom:.5rem;font-size:1rem}
.back::before{content:"";display:inline-block;width:.5rem;height:.5rem;margin-right:.5rem;border:solid currentColor;border-width:0 0 2px 2px;transform:rotate(45deg)}
.progress{margin:0 0 1.5rem}
.progress p{margin:0 0 .25rem;font-size:1rem;color:#383f43}
.progress progress{display:block;width:100%;height:.75rem;border:1px solid #505a5f;border-radius:0;background:#f3f2f1;accent-color:#1d3557;appearance:none;-webkit-appearance:none}
.progress progress::-webkit-progress-bar{background:#f3f2f1}
.progress progress::-webkit-progress-value{background:#1d3557}
.progress progress::-moz-progress-bar{background:#1d3557}
.error-summary{border:4px solid #b3261e;padding:1rem;margin:0 0 1.5rem}
.error-summary h2{font-size:1.3rem}
.error-summary ul{margin:0;padding:0;list-style:none}
.error-summary li{margin:0 0 .5rem}
.error-summary a{color:#b3261e;font-weight:700}
.error-summary a:focus-visible{color:#0b0c0c}
.error-message{display:block;margin:0 0 .75rem;color:#b3261e;font-weight:700}
.question{margin:0 0 2rem;padding:0;border:0;min-width:0}
.question.has-error,.item.has-error{border-left:5px solid #b3261e;padding-left:.75rem}
fieldset{margin:0;padding:0;border:0;min-width:0}
legend{padding:0;max-width:100%;white-space:normal}
.q-legend{margin:0 0 .75rem}
.q-legend h1,.q-legend h2,.q-heading{margin:0}
.question>.q-heading{margin:0 0 1.25rem}
.hint{display:block;margin:0 0 .75rem;color:#383f43}
.item{margin:0 0 1.5rem;padding:0 0 1rem;border-bottom:1px solid #b1b4b6}
.item legend{font-weight:700;margin:0 0 .5rem}
.choices{display:flex;flex-direction:column;gap:.5rem}
.choice{position:relative;display:flex;align-items:flex-start;min-height:44px}
.choice input{flex:0 0 auto;width:1.75rem;height:1.75rem;margin:.55rem .75rem 0 0;accent-color:#1d3557;cursor:pointer}
.choice label{flex:1 1 auto;min-width:0;padding:.5rem 0;min-height:44px;cursor:pointer}
.divider{margin:.25rem 0;color:#383f43}
.other-text{margin:.25rem 0 .5rem 2.5rem}
.other-text label{display:block;margin:0 0 .25rem}
.field{margin:0 0 1rem}
.field label{display:block;margin:0 0 .25rem}
.label-heading{display:block;font-weight:700}
input[type=text],textarea{display:block;width:100%;max-width:100%;min-height:44px;padding:.5rem;font:inherit;color:inherit;background:#fff;border:2px solid #0b0c0c;border-radius:0}
input.input-number{max-width:10ch}
textarea{min-height:8rem;resize:vertical}
input[aria-invalid=true],textarea[aria-invalid=true]{border-color:#b3261e;border-width:3px}
input[type=text]:focus-visible,textarea:focus-visible{outline:3px solid #ffbf47;box-shadow:inset 0 0 0 2px #0b0c0c}
.scale{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:.5rem;margin:0 0 .5rem}
.scale .choice{flex-direction:column;align-items:center;text-align:center}
.scale .choice input{margin:0 0 .25rem}
.scale .choice label{padding:.25rem 0;min-height:0;font-weight:700}
.actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:2rem 0 0}
.button{display:inline-block;min-height:44px;padding:.6rem 1.25rem;font:inherit;font-weight:700;line-height:1.25;color:#fff;background:#00703c;border:0;border-radius:0;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;text-align:center}
.button:visited{color:#fff}
.button:hover{background:#005a30;color:#fff}
.button:focus-visible{outline:3px solid transparent;background:#ffdd00;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c}
.text-block ul{padding-left:1.25rem;margin:0 0 1rem}
@media (min-width:40em){
  body{font-size:1.25rem}
  h1{font-size:2rem}
  h2{font-size:1.5rem}
  main{padding:2rem 1.5rem 3rem}
  .banner p,footer{padding-left:1.5rem;padding-right:1.5rem}
  .scale{grid-template-columns:repeat(auto-fit,minmax(3rem,1fr))}
  .item .choices{flex-direction:row;flex-wrap:wrap;gap:.5rem 1.5rem}
}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
@media (forced-colors:active){.button{border:2px solid ButtonText}.error-summary{border-color:CanvasText}}
`;
