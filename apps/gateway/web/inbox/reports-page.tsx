import { useEffect, useState } from 'preact/hooks';
import type { AvailabilityReport, MonthAvailability, SatisfactionReport, SlaReport } from '@shared/tickets/reports/report-shapes.js';
import { api, download, errorText } from './api.js';
import { mexicoCityMonth } from './format.js';
import { reportGroupLabel } from './labels.js';
import { ErrorLine } from './error-line.js';

const pct = (value: number | null) => (value === null ? '—' : `${value} %`);
/** Less than a day measured says nothing about a month (three minutes with one down is not "66 %"). */
const MIN_MEASURED_MINUTES = 24 * 60;

function AvailabilityCell({ row }: { row: MonthAvailability }) {
  if (row.measuredMinutes < MIN_MEASURED_MINUTES) {
    return <span class="insufficient">sin datos suficientes ({row.measuredMinutes} min medidos; hace falta al menos un día)</span>;
  }
  return (
    <span class={row.met === false ? 'missed' : 'met'}>
      {pct(row.availabilityPercent)} {row.met === null ? '' : row.met ? '✓ cumple' : '✗ no cumple'}
    </span>
  );
}

/** Surveys of the month: answered, average (1-5) and share of 4-5, by agent, tier and channel. */
function SatisfactionTable({ report }: { report: SatisfactionReport }) {
  return (
    <section aria-labelledby="satisfaction-title">
      <h2 id="satisfaction-title">Satisfacción del mes</h2>
      {report.rows.length === 0 ? (
        <p>Aún no hay encuestas enviadas este mes: se envían al resolver cada ticket.</p>
      ) : (
        <div class="table-scroll">
          <table class="satisfaction">
            <thead>
              <tr>
                <th scope="col">Grupo</th>
                <th scope="col">Encuestas enviadas</th>
                <th scope="col">Respondidas</th>
                <th scope="col">Promedio (1 a 5)</th>
                <th scope="col">Satisfechos (4 o 5)</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={`${row.dimension}-${row.key}`}>
                  <td>{reportGroupLabel(row.dimension, row.dimension === 'agent' ? row.label : row.key)}</td>
                  <td>{row.sent}</td>
                  <td>{row.answered}</td>
                  <td>{row.averageRating ?? '—'}</td>
                  <td>{pct(row.satisfiedPercent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The promises measured: availability per month against 99.3 %, and the monthly SLA report. */
export function ReportsPage() {
  const [availability, setAvailability] = useState<AvailabilityReport | null>(null);
  const [month, setMonth] = useState(() => mexicoCityMonth(new Date()));
  const [sla, setSla] = useState<SlaReport | null>(null);
  const [satisfaction, setSatisfaction] = useState<SatisfactionReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<AvailabilityReport>('GET', '/api/reports/availability?months=6').then(setAvailability, (failure: unknown) =>
      setError(errorText(failure, 'No se pudo cargar la disponibilidad.')),
    );
  }, []);
  useEffect(() => {
    api<SlaReport>('GET', `/api/reports/sla?month=${month}`)
      .then((report) => {
        setSla(report);
        setError(null);
      })
      .catch((failure: unknown) => setError(errorText(failure, 'No se pudo cargar el reporte de SLA.')));
    api<SatisfactionReport>('GET', `/api/reports/satisfaction?month=${month}`).then(setSatisfaction, (failure: unknown) =>
      setError(errorText(failure, 'No se pudo cargar el reporte de satisfacción.')),
    );
  }, [month]);

  return (
    <main class="reports page" id="main-content" tabIndex={-1}>
      <h2>Disponibilidad (meta {availability?.targetPercent ?? 99.3} %, sin contar mantenimientos anunciados)</h2>
      <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Mes</th>
            <th scope="col">Disponibilidad</th>
            <th scope="col">Minutos medidos</th>
            <th scope="col">Minutos caídos</th>
            <th scope="col">Mantenimiento</th>
            <th scope="col">Fallas por componente</th>
          </tr>
        </thead>
        <tbody>
          {availability?.months.map((row) => (
            <tr key={row.month} class={row.met === false && row.measuredMinutes >= MIN_MEASURED_MINUTES ? 'missed' : ''}>
              <td>{row.month}</td>
              <td>
                <AvailabilityCell row={row} />
              </td>
              <td>{row.measuredMinutes}</td>
              <td>{row.downMinutes}</td>
              <td>{row.maintenanceMinutes}</td>
              <td>
                {Object.entries(row.downMinutesByComponent)
                  .map(([component, minutes]) => `${component}: ${minutes} min`)
                  .join(', ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>

      <h2>SLA y satisfacción del mes</h2>
      <label class="inline">
        Mes <input type="month" value={month} onChange={(event) => setMonth(event.currentTarget.value)} />
      </label>{' '}
      <button type="button" onClick={() => void download(`/api/reports/sla?month=${month}&format=csv`, `sla-${month}.csv`)}>
        Descargar CSV
      </button>
      <ErrorLine message={error} />
      {sla && (
        <>
          <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Grupo</th>
                <th scope="col">Tickets</th>
                <th scope="col">Atendidos a tiempo (2 h)</th>
                <th scope="col">Resueltos a tiempo (8 h)</th>
              </tr>
            </thead>
            <tbody>
              {sla.rows.map((row) => (
                <tr key={`${row.dimension}-${row.key}`}>
                  <td>{reportGroupLabel(row.dimension, row.key)}</td>
                  <td>{row.tickets}</td>
                  <td>
                    {pct(row.attentionPercent)} ({row.attendedInTime}/{row.attentionDecided})
                  </td>
                  <td>
                    {pct(row.solutionPercent)} ({row.solvedInTime}/{row.solutionDecided})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <p class="hint">
            Entre paréntesis, a tiempo / decididos: un ticket cuenta cuando se atendió (o resolvió) o cuando su plazo venció sin ello; los que siguen en curso
            dentro de su plazo aún no cuentan, por eso pueden sumar menos que «Tickets».
          </p>
          <p>
            Actualizaciones de estatus a tiempo: {pct(sla.statusUpdates.percent)} ({sla.statusUpdates.sentOnTime}/{sla.statusUpdates.owed}, tolerancia{' '}
            {sla.statusUpdates.toleranceMinutes} min).
          </p>
        </>
      )}
      {satisfaction && <SatisfactionTable report={satisfaction} />}
    </main>
  );
}
