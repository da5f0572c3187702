import type { CfdiDetails } from './types.js';

const SKIP_REASONS: Record<string, string> = {
  dtd_not_allowed: 'contiene declaraciones DTD o entidades (no se lee por seguridad)',
  content_not_kept: 'el archivo no se guardó (demasiado grande)',
};

/** The invoices the customer referred to: RFCs, folios fiscales, SAT codes (what their family means, and where that comes from), attached CFDIs. */
export function CfdiPanel({ cfdi }: { cfdi: CfdiDetails }) {
  const empty = [cfdi.rfc, cfdi.rfcInvalid, cfdi.uuid, cfdi.satCodes, cfdi.invoices, cfdi.documents, cfdi.skippedXml].every((values) => values.length === 0);
  if (empty) return null;
  return (
    <section class="cfdi" aria-label="Datos de CFDI">
      <h3>Datos de CFDI</h3>
      <dl>
        {cfdi.rfc.length > 0 && (
          <>
            <dt>RFC</dt>
            <dd>{cfdi.rfc.join(', ')}</dd>
          </>
        )}
        {cfdi.rfcInvalid.length > 0 && (
          <>
            <dt>RFC con dígito verificador incorrecto</dt>
            <dd>{cfdi.rfcInvalid.join(', ')}</dd>
          </>
        )}
        {cfdi.uuid.length > 0 && (
          <>
            <dt>Folio fiscal (UUID)</dt>
            <dd>{cfdi.uuid.join(', ')}</dd>
          </>
        )}
        {cfdi.invoices.length > 0 && (
          <>
            <dt>Serie y folio</dt>
            <dd>{cfdi.invoices.map((invoice) => (invoice.serie ? `${invoice.serie}-${invoice.folio}` : invoice.folio)).join(', ')}</dd>
          </>
        )}
        {cfdi.satCodeMeanings.length > 0 && (
          <>
            <dt>Códigos de validación del SAT</dt>
            <dd>
              <ul>
                {cfdi.satCodeMeanings.map(({ code, meaning, source }) => (
                  <li key={code}>
                    <strong>{code}</strong>
                    {meaning && ` · ${meaning}`}
                    {source && <cite> (fuente: {source})</cite>}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {cfdi.documents.length > 0 && (
        <table class="cfdi-documents">
          <caption>CFDI adjuntos</caption>
          <thead>
            <tr>
              <th scope="col">UUID</th>
              <th scope="col">Emisor</th>
              <th scope="col">Receptor</th>
              <th scope="col">Total</th>
              <th scope="col">Fecha</th>
              <th scope="col">Versión</th>
            </tr>
          </thead>
          <tbody>
            {cfdi.documents.map((document) => (
              <tr key={document.uuid ?? `${document.emisor.rfc}-${document.fecha ?? ''}`}>
                <td>{document.uuid ?? 'sin timbrar'}</td>
                <td>{document.emisor.nombre ? `${document.emisor.nombre} (${document.emisor.rfc})` : document.emisor.rfc}</td>
                <td>{document.receptor.nombre ? `${document.receptor.nombre} (${document.receptor.rfc})` : document.receptor.rfc}</td>
                <td>{document.total ?? ''}</td>
                <td>{document.fecha ?? ''}</td>
                <td>{document.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cfdi.skippedXml.length > 0 && (
        <p class="cfdi-skipped">
          XML adjuntos que no se leyeron:{' '}
          {cfdi.skippedXml.map(({ filename, reason }) => `${filename} (${SKIP_REASONS[reason] ?? reason})`).join('; ')}
        </p>
      )}
    </section>
  );
}
