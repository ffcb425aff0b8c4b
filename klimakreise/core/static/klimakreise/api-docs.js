/* Starts Swagger UI on the API docs page (core/api_docs.html) with the settings the server
   put in a data- attribute: no inline script, so the Content-Security-Policy stays strict. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var config = JSON.parse(root.dataset.swaggerSettings);
  config.domNode = root;
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  SwaggerUIBundle(config);
})();
