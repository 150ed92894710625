import { ImiAuthoritySearch } from './authority-search.js';

ImiAuthoritySearch.define('imi-authority-search');
