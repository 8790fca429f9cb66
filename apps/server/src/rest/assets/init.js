// The API reference page: Swagger UI (swagger-ui-dist, served from this server) over /api/v1/openapi.json.
// A file, not an inline script, because the server's Content-Security-Policy allows scripts from 'self' only.
/* global SwaggerUIBundle */
window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // No calls to the public validator at validator.swagger.io: nothing leaves this server.
  validatorUrl: null,
  persistAuthorization: false,
  tryItOutEnabled: false,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
});
