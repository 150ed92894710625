import { ImiDeadlineMonitor } from './deadline-monitor.js';

ImiDeadlineMonitor.define('imi-deadline-monitor');
