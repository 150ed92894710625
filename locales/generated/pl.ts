
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h07000d83291c7f4f': html`Właściwy w zakresie: ${0} — dopasowanie: ${1}`,
'h5c8f7d4ab4045a76': html`Dopasowanie w regionie: ${0}`,
'h673f7e51291f7181': html`Właściwy w zakresie: ${0}`,
'h7e7b28499b48c7a8': html`Dopasowanie w nazwie urzędowej: ${0}`,
'h9e7e70bc0d449751': html`Dopasowanie w miejscowości: ${0}`,
'he5cc7376319b8805': html`Dopasowanie w nazwie: ${0}`,
's052403aa72f58906': `Wszystkie państwa`,
's1b3a53446bd2ebfe': `Zaloguj się ponownie, aby przeszukiwać katalog.`,
's1fef5d42afc8b79f': `Wszystkie zawody`,
's24d433ab121d8fb7': `Wybierz organ w wynikach wyszukiwania, aby zobaczyć jego dane.`,
's264c646aba19651d': `Lokalny administrator danych`,
's2a839a2292bee438': `Demonstracja widżetów IMI Network`,
's2c8189544e3ea679': `Ponów`,
's2d6c36ef90fd1da5': str`Nie znaleziono organu dla „${0}”.`,
's2f88b7664294cc33': `Dostępnych jest więcej wyników.`,
's30cbf38ce20b2b09': `Logowanie nie powiodło się.`,
's45ee1d374a1606b3': `Sesja wygasła. Zaloguj się ponownie.`,
's5e27738a2e8eb763': `Zaloguj się`,
's5fc59dcbf0409346': `Osoba obsługująca wnioski`,
's643c86f3f0713801': `Kompetencje`,
's6ebc9bd6feae62a3': `Wczytywanie…`,
's70d94df2e4b82f43': `Języki robocze`,
's7cfe12cd14df9950': `Wyloguj się`,
's7fd88abceeb27ab0': `Wczytaj więcej wyników`,
's812dd882f17cd0ed': `Administrator Komisji`,
's82665b2ffabc9c0a': `Strona internetowa`,
's863b56fce94a02a6': str`Znalezione organy: ${0}`,
's8e7258c871aaa410': `E-mail`,
's9726612ddbcfe919': `Portal organów publicznych`,
's9cf7402fe920f7d1': `Państwo`,
's9cfa7823fc62aba3': `Wyszukiwanie…`,
'sa5418dff4f5e3140': `Wpisz co najmniej 2 znaki: zawód, słowo kluczowe, nazwę lub miejscowość, w dowolnym języku.`,
'sa8beb6b1182241ac': `Filtry`,
'saec89b76e501a8af': `Znajdź właściwy organ`,
'sba26f9e01bddf769': `Portal organów publicznych — wersja demonstracyjna IMI Network`,
'sbccf27a52d84a5c1': `Wybierz konto demonstracyjne`,
'sc3314ff407716cf0': `Dane organu`,
'sc7079bab6ba40919': `Wyszukiwanie nie powiodło się.`,
'sc8aa534c8450ad43': str`Zalogowano jako ${0} (${1})`,
'sc97bf0e8e9fe06b3': str`Hasło do wszystkich kont demonstracyjnych to ${0}.`,
'scda89f4773806646': `Nie udało się wczytać danych.`,
'sd00cc27eb62405b3': `Wyszukaj właściwe organy`,
'sd039ecf6bd44e8c4': `Druga osoba obsługująca wnioski`,
'sd3dd3e07af92d400': str`Wybrano: ${0}`,
'sd69bc1bb271deb8d': `Konto demonstracyjne`,
'sd8d798619e6080df': `Zawód`,
'se0dd7d5001d16249': `Nie można połączyć się z serwerem. Sprawdź połączenie i spróbuj ponownie.`,
'se711220b24772417': `Telefon`,
'seb0f62979cf02a00': `Krajowy koordynator IMI`,
'sec7498111bf40e3b': `Wszystkie obszary prawodawstwa`,
'sefcf950b3cc4fc3b': `Język`,
'sf6e1665c7022a1f8': `Hasło`,
'sf6fd13a7406e71ef': `Obszar prawodawstwa`,
'sfcdd8e672c75b713': `Adres`,
    };
  