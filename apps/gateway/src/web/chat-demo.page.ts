/** A page like the portal's, with aggressive global styles, that embeds the widget with one tag. */
export const CHAT_DEMO_HTML = `<!doctype html>
<html lang="es-MX">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>Portal Gratuito Interfactura · Demostración del chat de Soporte</title>
  <style>
    /* A portal page with aggressive global styles: the widget must look the same anyway. */
    * { font-family: Georgia, serif !important; color: #5a1a00; }
    body { margin: 0; background: #fbf6ef; }
    button { background: #ffd400 !important; border: 3px dashed #000 !important; font-size: 22px !important; }
    input, textarea { border: 4px solid red !important; }
    li { list-style: square; margin-left: 40px; }
    header { background: #7a2a00; padding: 16px 24px; }
    header h1 { color: #fff; margin: 0; font-size: 22px; }
    main { max-width: 760px; padding: 24px; }
  </style>
</head>
<body>
  <header><h1>Portal Gratuito de Facturación · Interfactura</h1></header>
  <main>
    <h2>Mis comprobantes</h2>
    <p>Esta página imita el portal: incrusta el chat de Soporte con una sola etiqueta
      <code>&lt;script src="/widget.js" async&gt;&lt;/script&gt;</code>.</p>
    <ul>
      <li>Factura A-1021 · timbrada</li>
      <li>Factura A-1022 · timbrada</li>
      <li>Complemento de pago P-88 · pendiente</li>
    </ul>
    <button type="button">Botón del portal</button>
  </main>
  <script src="/widget.js" async></script>
</body>
</html>`;
