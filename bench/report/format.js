'use strict';
// Number formatting shared by the console tables and the Markdown report.

/** A duration in milliseconds, with a unit that keeps 3 significant figures. */
function ms(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(value >= 10_000 ? 1 : 2)} s`;
  if (value >= 1) return `${value.toPrecision(3)} ms`;
  if (value >= 0.001) return `${(value * 1000).toPrecision(3)} µs`;
  return `${(value * 1e6).toPrecision(3)} ns`;
}

const meanSd = (mean, sd) => (mean === undefined ? '–' : `${ms(mean)} ± ${ms(sd)}`);
const medianMad = meanSd; // the same form: centre ± spread
const ratio = (value) => (value === undefined || value === null || Number.isNaN(value) ? '–' : `${value.toFixed(2)}×`);
const ns = (value) => (value === undefined || value === null || Number.isNaN(value) ? '–' : `${value.toPrecision(3)} ns`);

module.exports = { ms, meanSd, medianMad, ratio, ns };
