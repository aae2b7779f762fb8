#!/usr/bin/env node
'use strict';
// Writes report.md and the SVG charts from a results object (or a results.json file):
//   node bench/report/write.js <results.json> <outDir>
const fs = require('fs');
const path = require('path');
const { renderMarkdown, renderText } = require('./render.js');
const { fibBlocks } = require('./fib.js');
const { ipBlocks } = require('./ip.js');
const { writeCharts } = require('./charts.js');
const { conclusionBlocks } = require('./conclusions.js');
const { runtimeBlocks } = require('./runtimes.js');

const BLOCKS = { fib: fibBlocks, ip: ipBlocks, runtimes: runtimeBlocks };
const TITLE = 'native-vs-wasm: the study';

function reportBlocks(results) {
  const workloads = Object.entries(results.workloads ?? {}).flatMap(([name, w]) =>
    BLOCKS[name] ? BLOCKS[name]({ raw: w.raw, summary: w.summary, environment: results.environment, steps: results.steps }) : [],
  );
  return [...conclusionBlocks(results), ...workloads];
}

/** Writes outDir/report.md and the charts next to it; returns { blocks, charts, reportFile, chartError }. */
async function writeReport(results, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const blocks = reportBlocks(results);
  const notes = (results.failures ?? []).map((f) => `**Failed**: ${f.step}: ${f.error}`);
  let charts = [];
  let chartError = null;
  try {
    charts = await writeCharts(results, outDir);
  } catch (error) {
    chartError = error;
    notes.push(`**Charts not drawn**: ${error.message}`);
  }
  if (charts.length) {
    blocks.push({ heading: 'Charts', text: charts.map((c) => `![${c.title}](${c.file})`).join('\n\n') });
  }
  const reportFile = path.join(outDir, 'report.md');
  fs.writeFileSync(
    reportFile,
    renderMarkdown({ title: TITLE, profile: results.profile, seconds: results.seconds, environment: results.environment, blocks, notes }),
  );
  return { blocks, charts, reportFile, chartError };
}

module.exports = { writeReport, reportBlocks, renderText };

if (require.main === module) {
  const [input, outDir] = process.argv.slice(2);
  if (!input || !outDir) {
    console.error('usage: node bench/report/write.js <results.json> <outDir>');
    process.exit(2);
  }
  writeReport(JSON.parse(fs.readFileSync(input, 'utf8')), path.resolve(outDir)).then(
    ({ reportFile, charts, chartError }) => {
      console.log(`Wrote ${reportFile}${charts.length ? ` and ${charts.map((c) => c.file).join(', ')}` : ''}`);
      if (chartError) {
        console.error(`charts failed: ${chartError.stack || chartError.message}`);
        process.exitCode = 1;
      }
    },
    (error) => {
      console.error(error.stack || String(error));
      process.exit(1);
    },
  );
}
