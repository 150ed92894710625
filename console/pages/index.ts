// Registers every console page element (one line per page).
import './system.js';
