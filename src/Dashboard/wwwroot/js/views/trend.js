// Accepted vs resolved per acceptance day over the last 30 days, with the resolution-rate line (ECharts).
/* global echarts */
import { t, formatDay, formatInt, getLang } from '../i18n.js';

export class TrendView {
  constructor(el) {
    // SVG: text is laid out by the browser with the page's web font, and re-laid when the font arrives.
    this.chart = echarts.init(el, null, { renderer: 'svg' });
    this.trend = [];
    new ResizeObserver(() => this.chart.resize()).observe(el);
  }

  /**
   * Draws once the font has the chart's labels: ECharts measures text when it lays out, so a label measured
   * in a fallback font before the Noto Sans SC slice arrived would overlap its neighbours.
   */
  render(trend = this.trend) {
    this.trend = trend;
    const lang = getLang();
    const labels = [t('trendTitle'), t('trendAccepted'), t('trendResolved'), t('trendRate'), t('noData'), '0123456789%/'].join('');
    this.fonts ??= {};
    this.fonts[lang] ??= Promise.all([
      document.fonts.load('400 14px "Noto Sans SC"', labels),
      document.fonts.load('700 15px "Noto Sans SC"', t('trendTitle')),
    ]).catch(() => {});
    this.fonts[lang].then(() => this.draw());
  }

  draw() {
    const trend = this.trend;
    // Replace everything when the language changed (series are named by label); else merge, so bars move smoothly.
    const replace = this.lang !== getLang();
    this.lang = getLang();
    const font = { fontFamily: '"Noto Sans SC", sans-serif', color: '#b8c7dc' };
    this.chart.setOption(
      {
        animationDuration: 300,
        textStyle: font,
        title: { text: t('trendTitle'), left: 8, top: 4, textStyle: { ...font, fontSize: 15, fontWeight: 700, color: '#e6eef8' } },
        legend: { top: 6, right: 8, textStyle: font, data: [t('trendAccepted'), t('trendResolved'), t('trendRate')] },
        grid: { left: 48, right: 52, top: 44, bottom: 28 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: trend.map((p) => formatDay(p.day)), axisLabel: { ...font, fontSize: 11, showMaxLabel: true }, axisLine: { lineStyle: { color: '#3b4f6b' } } },
        yAxis: [
          { type: 'value', minInterval: 1, axisLabel: { ...font, formatter: (v) => formatInt(v) }, splitLine: { lineStyle: { color: '#1f3250' } } },
          { type: 'value', min: 0, max: 100, axisLabel: { ...font, formatter: '{value}%' }, splitLine: { show: false } },
        ],
        series: [
          { name: t('trendAccepted'), type: 'bar', data: trend.map((p) => p.accepted), itemStyle: { color: '#3d8bfd' }, barGap: '10%' },
          { name: t('trendResolved'), type: 'bar', data: trend.map((p) => p.resolved), itemStyle: { color: '#2ec27e' } },
          {
            name: t('trendRate'),
            type: 'line',
            yAxisIndex: 1,
            connectNulls: true,
            data: trend.map((p) => (p.resolutionRate?.value == null ? null : Math.round(p.resolutionRate.value * 1000) / 10)),
            itemStyle: { color: '#f6c343' },
            lineStyle: { width: 2 },
            tooltip: { valueFormatter: (v) => (v == null ? t('noData') : `${v}%`) },
          },
        ],
      },
      { notMerge: replace },
    );
  }
}
