// Registers every console page element (one line per page).
import './system.js';
import './routing.js';
import './overview.js';
import './authorities.js';
import './users.js';
import './areas.js';
import './professions.js';
import './audit.js';
import './data-protection.js';
