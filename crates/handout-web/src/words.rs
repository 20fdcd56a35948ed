//! The web page's own words, in Dutch (the default) and English. These
//! are the tool's words, not a campaign's: no campaign, platform or kind
//! of action is named here. The campaigns' titles and texts, and the
//! names of languages, platforms and layouts, come from campaigns/ and
//! layouts/ like everything printed.

use crate::form::Form;

/// The language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    Nl,
    En,
}

impl Ui {
    /// `ui=en` in the form or the query; Dutch otherwise.
    pub fn from_form(form: &Form) -> Ui {
        Ui::from_id(form.get("ui").unwrap_or("nl"))
    }

    pub fn from_id(id: &str) -> Ui {
        if id == "en" { Ui::En } else { Ui::Nl }
    }

    pub fn id(self) -> &'static str {
        match self {
            Ui::Nl => "nl",
            Ui::En => "en",
        }
    }

    /// The other language, to switch to.
    pub fn other(self) -> Ui {
        match self {
            Ui::Nl => Ui::En,
            Ui::En => Ui::Nl,
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Ui::Nl => &NL,
            Ui::En => &EN,
        }
    }
}

/// Every text of the page, in one language. `{…}` is filled in.
pub struct Words {
    pub title: &'static str,
    pub intro: &'static str,
    /// The choice of campaign.
    pub campaign_legend: &'static str,
    pub campaign_intro: &'static str,
    /// The link back to it from a campaign's form.
    pub campaign_other: &'static str,
    /// A campaign's deadline: still ahead (`{date}`), passed (`{date}`,
    /// `{act}`: what its handouts now say), none.
    pub state_ahead: &'static str,
    pub state_passed: &'static str,
    pub state_none: &'static str,
    /// The link to the page in the other language, in that language.
    pub switch: &'static str,
    pub lang_legend: &'static str,
    pub platform_legend: &'static str,
    pub platform_hint: &'static str,
    pub layout_legend: &'static str,
    pub edition_legend: &'static str,
    pub edition_auto: &'static str,
    /// Under "choose by itself": which edition that is today. `{date}`.
    pub edition_auto_after: &'static str,
    pub edition_auto_before: &'static str,
    pub edition_deadline: &'static str,
    pub edition_deadline_hint: &'static str,
    /// The after-deadline edition, when the campaign does not name it.
    pub edition_after: &'static str,
    pub edition_after_hint: &'static str,
    pub org_legend: &'static str,
    pub org_hint: &'static str,
    pub org_name: &'static str,
    pub org_name_hint: &'static str,
    /// `{language}`: the language's name.
    pub org_help: &'static str,
    /// Under it: `{max}`, the most any layout holds.
    pub org_help_hint: &'static str,
    /// A layout that holds less: `{layout}` and `{max}`.
    pub org_help_fits: &'static str,
    pub org_website: &'static str,
    pub org_website_hint: &'static str,
    pub org_logo: &'static str,
    pub org_logo_hint: &'static str,
    pub preview_button: &'static str,
    pub download_button: &'static str,
    pub download_hint: &'static str,
    pub preview_heading: &'static str,
    /// `{document}`: what the preview shows; with `{count}` when the form
    /// makes more than one.
    pub preview_of: &'static str,
    pub preview_of_many: &'static str,
    pub preview_empty: &'static str,
    pub preview_busy: &'static str,
    /// `{n}`, `{m}`.
    pub page_of: &'static str,
    pub errors_heading: &'static str,
    pub missing_lang: &'static str,
    pub missing_platform: &'static str,
    pub missing_layout: &'static str,
    /// `{document}`, `{percent}`.
    pub too_long: &'static str,
    /// A problem the page has no words of its own for.
    pub cannot: &'static str,
    pub in_documents: &'static str,
    /// `{char}`: a character no font of the document has.
    pub missing_glyph: &'static str,
    /// `{document}`: a word wider than a line.
    pub word_too_wide: &'static str,
    /// A form that cannot be read (not one the page sends).
    pub refused_bad: &'static str,
    /// A form larger than the server takes.
    pub refused_too_large: &'static str,
    pub privacy: &'static str,
    /// The browser edition: what the footer says instead.
    pub privacy_local: &'static str,
    /// The browser edition without JavaScript.
    pub needs_script: &'static str,
}

const NL: Words = Words {
    title: "Folders maken",
    intro: "Kies wat je wilt afdrukken en zet er, als je wilt, je eigen organisatie op. \
            Bekijk het voorbeeld en download het bestand.",
    campaign_legend: "Waar gaat je folder over?",
    campaign_intro: "Kies een onderwerp. Daarna kies je de taal, het soort folder en je eigen organisatie.",
    campaign_other: "Een ander onderwerp kiezen",
    state_ahead: "Termijn: {date}. Die is nog niet voorbij.",
    state_passed: "De termijn ({date}) is voorbij. De folder zegt nu: ‘{act}’.",
    state_none: "Geen termijn: het kan altijd.",
    switch: "English",
    lang_legend: "Taal",
    platform_legend: "Platform",
    platform_hint: "Elk platform krijgt een eigen folder, met de stappen en de QR-code van dat platform.",
    layout_legend: "Wat wil je maken?",
    edition_legend: "Welke versie?",
    edition_auto: "Vanzelf kiezen",
    edition_auto_after: "Nu is dat: ‘{act}’, want de termijn ({date}) is voorbij.",
    edition_auto_before: "Nu is dat: de versie met de datum {date}.",
    edition_deadline: "Met de datum",
    edition_deadline_hint: "Met de datum {date} groot op de folder.",
    edition_after: "Na de termijn",
    edition_after_hint: "Voor na de termijn: het kan nog steeds, de datum staat er klein op.",
    org_legend: "Je organisatie (niet verplicht)",
    org_hint: "Zet de naam, de hulp en het logo van je bibliotheek of buurthuis op de folder.",
    org_name: "Naam",
    org_name_hint: "Zoals bezoekers hem kennen; hoogstens 80 tekens.",
    org_help: "Waar krijgen bezoekers hulp? ({language})",
    org_help_hint: "Een of twee zinnen: balie, dag en tijd, adres. Hoogstens {max} tekens.",
    org_help_fits: "{layout}: hoogstens {max} tekens.",
    org_website: "Website",
    org_website_hint: "Bijvoorbeeld www.bibliotheekvoorbeeldstad.nl",
    org_logo: "Logo",
    org_logo_hint: "SVG, PNG of JPEG, hoogstens 5 MB.",
    preview_button: "Voorbeeld bekijken",
    download_button: "Downloaden",
    download_hint: "Eén document wordt een PDF (of afbeelding); meer documenten samen een ZIP-bestand.",
    preview_heading: "Voorbeeld",
    preview_of: "{document}",
    preview_of_many: "{document}: de eerste van {count} documenten",
    preview_empty: "Het voorbeeld verschijnt hier als je op ‘Voorbeeld bekijken’ drukt.",
    preview_busy: "Het voorbeeld wordt bijgewerkt…",
    page_of: "Pagina {n} van {m}",
    errors_heading: "Dit moet eerst anders",
    missing_lang: "Kies minstens één taal.",
    missing_platform: "Kies minstens één platform.",
    missing_layout: "Kies minstens één soort.",
    too_long: "Dit past niet op {document}: maak de tekst ongeveer {percent} % korter, of kies dit niet.",
    cannot: "Dit kan zo niet gemaakt worden.",
    in_documents: "Op: {documents}",
    missing_glyph: "Het teken ‘{char}’ kan niet gedrukt worden: het lettertype heeft het niet. Gebruik een ander teken.",
    word_too_wide: "Een woord is te lang voor één regel op {document}: zet er een spatie of streepje in, of maak het korter.",
    refused_bad: "Het formulier kan zo niet gelezen worden. Laad de pagina opnieuw en probeer het nog eens.",
    refused_too_large: "Het formulier is groter dan 6 MB. Een logo mag hoogstens 5 MB zijn: sla het kleiner op, of gebruik SVG.",
    privacy: "Er wordt niets bewaard: wat je invult en je logo bestaan alleen zolang het maken duurt. \
              Geen cookies, niets van buiten deze computer.",
    privacy_local: "Alles gebeurt in deze browser, op deze computer: wat je invult en je logo gaan nergens heen en \
                    worden niet bewaard. Geen cookies. Als de pagina eenmaal open is, werkt ze ook zonder internet.",
    needs_script: "Deze pagina maakt de folders in je browser en heeft daarvoor JavaScript nodig. Zet JavaScript aan, \
                   of vraag om de versie die op een computer in je organisatie draait (handout serve).",
};

const EN: Words = Words {
    title: "Make handouts",
    intro: "Choose what to print and, if you like, put your own organisation on it. \
            Look at the preview and download the file.",
    campaign_legend: "What is your handout about?",
    campaign_intro: "Choose a topic. Then choose the language, the kind of handout and your own organisation.",
    campaign_other: "Choose another topic",
    state_ahead: "Deadline: {date}. It is still ahead.",
    state_passed: "The deadline ({date}) has passed. The handout now says: ‘{act}’.",
    state_none: "No deadline: it can be done any time.",
    switch: "Nederlands",
    lang_legend: "Language",
    platform_legend: "Platform",
    platform_hint: "Each platform gets its own handout, with that platform’s steps and QR code.",
    layout_legend: "What do you want to make?",
    edition_legend: "Which version?",
    edition_auto: "Choose by itself",
    edition_auto_after: "Today that is ‘{act}’: the deadline ({date}) has passed.",
    edition_auto_before: "Today that is the version with the date {date}.",
    edition_deadline: "With the date",
    edition_deadline_hint: "With the date {date}, large, on the handout.",
    edition_after: "After the deadline",
    edition_after_hint: "For after the deadline: it still works, and the date is shown small.",
    org_legend: "Your organisation (optional)",
    org_hint: "Put your library’s or community centre’s name, help desk and logo on the handout.",
    org_name: "Name",
    org_name_hint: "As visitors know it; at most 80 characters.",
    org_help: "Where do visitors get help? ({language})",
    org_help_hint: "A sentence or two: desk, day and time, address. At most {max} characters.",
    org_help_fits: "{layout}: at most {max} characters.",
    org_website: "Website",
    org_website_hint: "For example www.examplelibrary.org",
    org_logo: "Logo",
    org_logo_hint: "SVG, PNG or JPEG, at most 5 MB.",
    preview_button: "Show preview",
    download_button: "Download",
    download_hint: "One document downloads as a PDF (or image); several together as a ZIP file.",
    preview_heading: "Preview",
    preview_of: "{document}",
    preview_of_many: "{document}: the first of {count} documents",
    preview_empty: "The preview appears here when you press ‘Show preview’.",
    preview_busy: "Updating the preview…",
    page_of: "Page {n} of {m}",
    errors_heading: "Please change this first",
    missing_lang: "Choose at least one language.",
    missing_platform: "Choose at least one platform.",
    missing_layout: "Choose at least one kind.",
    too_long: "This does not fit on {document}: make the text about {percent} % shorter, or do not choose it.",
    cannot: "This cannot be made as it is.",
    in_documents: "On: {documents}",
    missing_glyph: "The character ‘{char}’ cannot be printed: the typeface does not have it. Use another character.",
    word_too_wide: "A word is too long for one line on {document}: add a space or hyphen, or shorten it.",
    refused_bad: "The form cannot be read as it is. Reload the page and try again.",
    refused_too_large: "The form is larger than 6 MB. A logo may be at most 5 MB: save it smaller, or use SVG.",
    privacy: "Nothing is kept: what you type and your logo exist only while the handout is made. \
              No cookies, nothing from outside this computer.",
    privacy_local: "Everything happens in this browser, on this computer: what you type and your logo go nowhere and \
                    are not kept. No cookies. Once the page is open, it also works without the internet.",
    needs_script: "This page makes the handouts in your browser and needs JavaScript for that. Turn JavaScript on, \
                   or ask for the version that runs on a computer in your organisation (handout serve).",
};
