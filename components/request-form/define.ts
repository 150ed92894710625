import { ImiAnswerInput } from './answer-input.js';
import { ImiRequestForm } from './request-form.js';

ImiAnswerInput.define('imi-answer-input');
ImiRequestForm.define('imi-request-form');
