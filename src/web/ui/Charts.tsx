import s from './Charts.module.css';

/**
 * Small SVG charts (a line chart over time, a radar over axes). They are pictures of a data table
 * the page shows beside them: the table is what assistive technology reads, so the picture is one
 * image with a name. Series differ by colour, marker shape and dash, never by colour alone; the
 * legend names them. Imported only by the pages that draw a chart (their own chunk).
 */

export interface Series {
  name: string;
  /** One value per category (line chart) or per axis (radar); null where there is none. */
  values: (number | null)[];
}

const STYLES = [
  { colour: '#1d3a6e', dash: '', marker: 'circle' },
  { colour: '#b4530a', dash: '6 3', marker: 'square' },
  { colour: '#17612f', dash: '2 3', marker: 'triangle' },
  { colour: '#7b2d8e', dash: '10 3 2 3', marker: 'diamond' },
  { colour: '#a4161a', dash: '4 4', marker: 'cross' },
  { colour: '#4a5466', dash: '1 2', marker: 'circle' },
] as const;

const styleOf = (i: number) => STYLES[i % STYLES.length]!;

function Marker({ x, y, i }: { x: number; y: number; i: number }) {
  const { colour, marker } = styleOf(i);
  const r = 4.5;
  switch (marker) {
    case 'square': return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour} />;
    case 'triangle': return <polygon points={`${x},${y - r - 1} ${x - r - 1},${y + r} ${x + r + 1},${y + r}`} fill={colour} />;
    case 'diamond': return <polygon points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`} fill={colour} />;
    case 'cross': return <path d={`M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`} stroke={colour} strokeWidth={2.5} />;
    default: return <circle cx={x} cy={y} r={r} fill={colour} />;
  }
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className={s.legend} aria-hidden="true">
      {series.map((x, i) => (
        <li key={i}>
          <svg width="34" height="14" viewBox="0 0 34 14">
            <line x1="2" y1="7" x2="32" y2="7" stroke={styleOf(i).colour} strokeWidth="2.5" strokeDasharray={styleOf(i).dash} />
            <Marker x={17} y={7} i={i} />
          </svg>
          {x.name}
        </li>
      ))}
    </ul>
  );
}

/** Values (e.g. levels 0–4) over categories (e.g. measurements in time order). */
export function LineChart({ label, categories, series, min, max, ticks }: {
  /** The image's name: what it shows and that the table beside it holds the values. */
  label: string; categories: string[]; series: Series[]; min: number; max: number; ticks: number[];
}) {
  const W = 640;
  const H = 280;
  const pad = { l: 48, r: 44, t: 14, b: 44 };
  const x = (i: number) => pad.l + (categories.length <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (categories.length - 1));
  const y = (v: number) => pad.t + ((max - v) * (H - pad.t - pad.b)) / (max - min || 1);
  return (
    <figure className={s.figure}>
      <svg className={s.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className={s.grid} />
            <text x={pad.l - 8} y={y(v) + 4} textAnchor="end" className={s.axisText}>{v}</text>
          </g>
        ))}
        {/* A category may have a second line after "\n". */}
        {categories.map((c, i) => (
          <text key={i} x={x(i)} y={H - pad.b + 20} textAnchor="middle" className={s.axisText}>
            {c.split('\n').map((line, j) => <tspan key={j} x={x(i)} dy={j === 0 ? 0 : 15}>{line}</tspan>)}
          </text>
        ))}
        {series.map((sr, si) => {
          const pts = sr.values.map((v, i) => (v === null ? null : [x(i), y(v)] as const));
          // A gap where a value is missing: the line is drawn in runs.
          const runs: (readonly [number, number])[][] = [[]];
          for (const p of pts) if (p) runs[runs.length - 1]!.push(p); else if (runs[runs.length - 1]!.length) runs.push([]);
          return (
            <g key={si}>
              {runs.filter((r) => r.length > 1).map((r, ri) => (
                <polyline key={ri} points={r.map(([a, b]) => `${a},${b}`).join(' ')} fill="none" stroke={styleOf(si).colour} strokeWidth={2.5} strokeDasharray={styleOf(si).dash} />
              ))}
              {pts.map((p, i) => p && <Marker key={i} x={p[0]} y={p[1]} i={si} />)}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

/** Values on axes around a centre (e.g. the level per function), one polygon per series. */
export function RadarChart({ label, axes, series, max }: { label: string; axes: string[]; series: Series[]; max: number }) {
  const W = 560;
  const H = 420;
  const cx = W / 2;
  const cy = H / 2;
  const R = 140;
  const n = Math.max(axes.length, 3);
  const at = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + (R * v * Math.cos(a)) / max, cy + (R * v * Math.sin(a)) / max] as const;
  };
  const rings = Array.from({ length: max }, (_, i) => i + 1);
  return (
    <figure className={s.figure}>
      <svg className={s.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {rings.map((v) => <polygon key={v} points={axes.map((_a, i) => at(i, v).join(',')).join(' ')} className={s.grid} fill="none" />)}
        {axes.map((a, i) => {
          const [ex, ey] = at(i, max);
          const [lx, ly] = at(i, max + 0.55);
          return (
            <g key={i}>
              <line x1={cx} y1={cy} x2={ex} y2={ey} className={s.grid} />
              <text x={lx} y={ly + 4} textAnchor={Math.abs(lx - cx) < 8 ? 'middle' : lx < cx ? 'end' : 'start'} className={s.axisText}>{a}</text>
            </g>
          );
        })}
        {rings.map((v) => <text key={v} x={cx + 3} y={at(0, v)[1] - 2} className={s.tickText}>{v}</text>)}
        {series.map((sr, si) => {
          const pts = sr.values.map((v, i) => at(i, v ?? 0));
          // An axis without a value is left out of the shape (not drawn as 0).
          const shape = pts.filter((_p, i) => sr.values[i] !== null);
          return (
            <g key={si}>
              <polygon points={shape.map((p) => p.join(',')).join(' ')} fill={styleOf(si).colour} fillOpacity={0.08} stroke={styleOf(si).colour} strokeWidth={2.5} strokeDasharray={styleOf(si).dash} />
              {sr.values.map((v, i) => v !== null && <Marker key={i} x={pts[i]![0]} y={pts[i]![1]} i={si} />)}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}
