import { useEffect, useState } from 'preact/hooks';
import type { AvailabilityReport, SlaReport } from '../../../../libs/tickets/src/reports/report-shapes.js';
import { api, download } from './api.js';

const DIMENSION: Record<string, string> = { all: 'Total', severity: 'Severidad', tier: 'Nivel', channel: 'Canal' };
const pct = (value: number | null) => (value === null ? '—' : `${value} %`);

/** The promises measured: availability per month against 99.3 %, and the monthly SLA report. */
export function ReportsPage() {
  const [availability, setAvailability] = useState<AvailabilityReport | null>(null);
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [sla, setSla] = useState<SlaReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<AvailabilityReport>('GET', '/api/reports/availability?months=6').then(setAvailability);
  }, []);
  useEffect(() => {
    api<SlaReport>('GET', `/api/reports/sla?month=${month}`)
      .then((report) => {
        setSla(report);
        setError(null);
      })
      .catch(() => setError('No se pudo cargar el reporte de SLA.'));
  }, [month]);

  return (
    <main class="reports">
      <h2>Disponibilidad (meta {availability?.targetPercent ?? 99.3} %, sin contar mantenimientos anunciados)</h2>
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
            <tr key={row.month} class={row.met === false ? 'missed' : ''}>
              <td>{row.month}</td>
              <td>
                {pct(row.availabilityPercent)} {row.met === null ? '' : row.met ? '✓' : '✗'}
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

      <h2>SLA del mes</h2>
      <label class="inline">
        Mes <input type="month" value={month} onChange={(event) => setMonth(event.currentTarget.value)} />
      </label>{' '}
      <button type="button" onClick={() => void download(`/api/reports/sla?month=${month}&format=csv`, `sla-${month}.csv`)}>
        Descargar CSV
      </button>
      {error && <p class="error">{error}</p>}
      {sla && (
        <>
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
                  <td>
                    {DIMENSION[row.dimension] ?? row.dimension}
                    {row.dimension === 'all' ? '' : ` ${row.key}`}
                  </td>
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
          <p>
            Actualizaciones de estatus a tiempo: {pct(sla.statusUpdates.percent)} ({sla.statusUpdates.sentOnTime}/{sla.statusUpdates.owed}, tolerancia{' '}
            {sla.statusUpdates.toleranceMinutes} min).
          </p>
        </>
      )}
    </main>
  );
}
