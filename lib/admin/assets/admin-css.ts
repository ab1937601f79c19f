// The admin's only style sheet, served as <prefix>/assets/admin.<hash>.css. Kept as a string module
// so that the compiled package carries it with no copy step.
export const adminCss = `
:root{--fg:#1f2933;--muted:#65748b;--line:#d9e0e8;--bg:#f5f7fa;--card:#fff;--accent:#2458c6;--danger:#b42318;--ok:#0e7a4b}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header.top{display:flex;align-items:center;gap:16px;padding:10px 24px;background:#1d2b45;color:#fff}
header.top a{color:#fff}header.top .site{font-weight:600;font-size:16px}header.top .spacer{flex:1}
header.top form{margin:0}header.top button{background:transparent;color:#fff;border:1px solid #ffffff66}
main{padding:20px 24px;max-width:1280px}
h1{font-size:20px;margin:0 0 14px}h2{font-size:15px;margin:18px 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:16px;margin-bottom:16px}
.crumbs{color:var(--muted);margin-bottom:8px}
.layout{display:flex;gap:16px;align-items:flex-start}.layout .content{flex:1;min-width:0;overflow-x:auto}
aside.filters{width:250px;flex:none}aside.filters label{display:block;font-weight:600;margin-top:10px}
aside.filters input,aside.filters select{width:100%}
.range{display:flex;flex-direction:column;gap:4px}.range input{width:100%}
table.rows{width:100%;border-collapse:collapse;background:var(--card)}
table.rows th,table.rows td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;
  max-width:320px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.rows th{background:#eef2f7;font-weight:600}table.rows th a{color:var(--fg)}
table.rows tr:hover td{background:#f8fafc}
.toolbar{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:10px}.toolbar .spacer{flex:1}
input,select,textarea,button{font:inherit}
input[type=text],input[type=search],input[type=number],input[type=password],input[type=date],input[type=time],
input[type=datetime-local],input[type=email],select,textarea{padding:6px 8px;border:1px solid #b8c2cf;border-radius:4px;background:#fff}
textarea{width:100%;min-height:90px;font-family:ui-monospace,Menlo,monospace}
button,.button{display:inline-block;padding:6px 12px;border-radius:4px;border:1px solid var(--accent);
  background:var(--accent);color:#fff;cursor:pointer}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
button.danger,.button.danger{background:var(--danger);border-color:var(--danger);color:#fff}
.pager{display:flex;gap:10px;align-items:center;margin-top:10px;color:var(--muted)}
form.edit .field{margin-bottom:14px}form.edit label{display:block;font-weight:600;margin-bottom:4px}
form.edit input[type=text],form.edit input[type=email],form.edit input[type=number],form.edit select,
form.edit textarea{width:100%;max-width:560px}
.help{color:var(--muted);font-size:12px;margin-top:2px}
.error{color:var(--danger);font-size:13px;margin-top:3px}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:var(--danger)}
.alert{padding:10px 12px;border-radius:4px;margin-bottom:12px;border:1px solid}
.alert.error{background:#fef3f2;border-color:#fecdca;color:var(--danger);font-size:14px}
.alert.ok{background:#ecfdf3;border-color:#abefc6;color:var(--ok)}
.picker{display:flex;gap:6px;max-width:560px;align-items:flex-start}.picker input{width:40%}.picker select{flex:1}
.login{max-width:360px;margin:80px auto}.login input{width:100%;margin-bottom:10px}
.muted{color:var(--muted)}.secret{color:var(--muted);font-style:italic}
ul.tables{list-style:none;padding:0;margin:0}ul.tables li{padding:6px 0;border-bottom:1px solid var(--line)}
`;
