import type { Preview } from '@storybook/web-components-vite';
import { locales } from '../components/core/localization.js';

/** The toolbar's language sets `<html lang>`, which every IMI element without a `lang` of its own follows. */
const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Language of the widgets',
      toolbar: { title: 'Language', icon: 'globe', items: [...locales], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = String(context.globals.locale ?? 'en');
      return story();
    },
  ],
};

export default preview;
