// Starts Swagger UI on the app's own schema. A file of its own, not an inline script: the
// app's Content-Security-Policy allows scripts from 'self' only.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
