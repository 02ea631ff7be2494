import { runApp } from './github/run-app.js';

await runApp();
