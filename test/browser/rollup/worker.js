import '../shared/worker.js';
