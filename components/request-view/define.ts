import { ImiAnswerInput } from '../request-form/answer-input.js';
import { ImiRequestView } from './request-view.js';

ImiAnswerInput.define('imi-answer-input');
ImiRequestView.define('imi-request-view');
