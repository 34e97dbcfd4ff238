// The report's two charts (ECharts, vendored): by month, accepted and resolved bars with the resolution-rate line;
// by category, accepted and resolved. SVG, no animation: what prints or is captured is the finished chart.
/* global echarts */
import { getLang } from '../i18n.js';
import { s, int } from './strings.js';
import { byVolume } from './data.js';

const FONT = '"Noto Sans SC", sans-serif';
const INK = '#33475b';
const COLORS = { accepted: '#1d4f91', resolved: '#c8102e', rate: '#d89b00' };

const percent = (r) => (r?.value === null || r?.value === undefined ? null : Math.round(r.value * 1000) / 10);

/**
 * ECharts measures its labels when it lays out: the Noto Sans SC slices the labels need are loaded first, else
 * labels measured in a fallback font would overlap once the web font arrives.
 */
async function fontsFor(texts) {
  const all = texts.join('');
  await Promise.all([document.fonts.load(`400 12px ${FONT}`, all), document.fonts.load(`700 14px ${FONT}`, all)]).catch(() => {});
}

/** Draws (or redraws) a chart and resolves when ECharts says it has finished rendering. */
function draw(el, option) {
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, null, { renderer: 'svg' });
  const finished = new Promise((resolve) => chart.on('finished', function done() {
    chart.off('finished', done);
    resolve();
  }));
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: INK }, ...option }, { notMerge: true });
  chart.resize();
  return finished;
}

const axisText = { fontFamily: FONT, color: INK, fontSize: 11 };
const legend = (names) => ({ top: 0, right: 0, itemWidth: 14, itemHeight: 10, textStyle: { ...axisText, fontSize: 12 }, data: names });

export async function renderMonths(el, byMonth) {
  const months = byMonth.map((m) => s('monthShort', Number(m.key) % 100));
  const names = [s('accepted'), s('resolved'), s('resolutionLine')];
  await fontsFor([...months, ...names, s('noData'), '0123456789%,']);
  return draw(el, {
    legend: legend(names),
    grid: { left: 44, right: 48, top: 48, bottom: 26 },
    xAxis: { type: 'category', data: months, axisLabel: axisText, axisTick: { alignWithLabel: true }, axisLine: { lineStyle: { color: '#8796a8' } } },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { ...axisText, formatter: (v) => int(v) }, splitLine: { lineStyle: { color: '#e3e8ef' } } },
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisText, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: names[0], type: 'bar', data: byMonth.map((m) => m.figures.accepted), itemStyle: { color: COLORS.accepted }, barGap: '8%', barMaxWidth: 18 },
      { name: names[1], type: 'bar', data: byMonth.map((m) => m.figures.resolved), itemStyle: { color: COLORS.resolved }, barMaxWidth: 18 },
      {
        name: names[2], type: 'line', yAxisIndex: 1, connectNulls: true, symbolSize: 6,
        data: byMonth.map((m) => percent(m.figures.resolution)),
        itemStyle: { color: COLORS.rate }, lineStyle: { width: 2 },
        label: {
          show: true, position: 'top', distance: 6, fontSize: 10, color: INK, fontFamily: FONT, backgroundColor: 'rgba(255,255,255,0.9)', padding: [1, 2],
          formatter: (p) => (p.value === null ? '' : `${p.value}%`),
        },
        z: 10,
      },
    ],
  });
}

export async function renderCategories(el, byCategory) {
  const rows = byVolume(byCategory).reverse(); // ECharts lists categories bottom up: the most accepted stands on top
  const labels = rows.map((c) => (getLang() === 'en' ? c.nameEn || c.name : c.name || c.nameEn));
  const names = [s('accepted'), s('resolved')];
  el.style.height = `${Math.max(160, 60 + rows.length * 26)}px`;
  await fontsFor([...labels, ...names, '0123456789,']);
  return draw(el, {
    legend: legend(names),
    grid: { left: 8, right: 36, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { ...axisText, formatter: (v) => int(v) }, splitLine: { lineStyle: { color: '#e3e8ef' } } },
    yAxis: { type: 'category', data: labels, axisLabel: { ...axisText, fontSize: 12 }, axisTick: { show: false }, axisLine: { lineStyle: { color: '#8796a8' } } },
    series: [
      { name: names[0], type: 'bar', data: rows.map((c) => c.figures.accepted), itemStyle: { color: COLORS.accepted }, barGap: '10%', barMaxWidth: 12,
        label: { show: true, position: 'right', fontSize: 10, color: INK, fontFamily: FONT, formatter: (p) => int(p.value) } },
      { name: names[1], type: 'bar', data: rows.map((c) => c.figures.resolved), itemStyle: { color: COLORS.resolved }, barMaxWidth: 12 },
    ],
  });
}
