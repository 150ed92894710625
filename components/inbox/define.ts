import { ImiInbox } from './inbox.js';

ImiInbox.define('imi-inbox');
