// Connect's pages: a small test sign-in form (email, password) and an error page for requests
// Connect cannot redirect back from. Plain HTML, every interpolated value escaped.
import type { ConnectPageError } from "./errors";

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.4rem}
button{margin-top:1rem;padding:.5rem 1rem}</style></head>
<body>${body}</body>
</html>`;

export function signInPage(input: {
  action: string;
  applicationName: string;
  permissions: string[];
}): string {
  const items = input.permissions.map((permission) => `<li>${escape(permission)}</li>`).join("");
  return page(
    "Connect your car (simulator)",
    `<h1>Connect your car</h1>
<p>${escape(input.applicationName)} asks for:</p><ul>${items}</ul>
<p>Simulated Smartcar Connect: sign in with a demo account of the simulator's fleet.</p>
<form method="post" action="${escape(input.action)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Allow</button>
</form>`,
  );
}

export function connectErrorPage(error: ConnectPageError): string {
  return page(error.title, `<h1>${escape(error.title)}</h1><p>${escape(error.detail)}</p>`);
}
