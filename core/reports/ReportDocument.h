#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

// A printable document as plain data: what a case summary, a report or a subject access bundle says, already
// redacted, in reading order. core/ builds it (no QtGui); render/ paints it on A4 pages (PDF, printer, preview)
// with the marking, header, footer and watermark; the CSV writer takes its tables. Tests read `plainText()`.
namespace claimdesk::core::reports {

// How a block is set off: normal text, a warning (amber), a danger (red), or muted (grey, "not included").
enum class Tone { Normal, Warning, Danger, Muted };

enum class Align { Left, Right };

struct Column {
    QString title;
    double weight = 1.0;  // share of the table's width
    Align align = Align::Left;
};

struct Block {
    enum class Kind {
        Heading,    // `text`, `level` 1 (section) or 2 (sub-section); kept on the page of what follows it
        Paragraph,  // `text` (may be long; may break between lines)
        Fields,     // `fields`: label / value pairs in two columns; each pair is kept whole
        Table,      // `columns`, `rows` (each row kept whole; the header repeats on every page); `emptyText`
        Notice,     // `text` in a framed box (a warning, "withheld", "not included in this copy"); kept whole
        PageBreak,  // the next block starts on a new page
    };
    Kind kind = Kind::Paragraph;
    Tone tone = Tone::Normal;
    QString text;
    int level = 1;
    std::vector<std::pair<QString, QString>> fields;
    std::vector<Column> columns;
    std::vector<QStringList> rows;  // one QStringList per row, one string per column
    QString emptyText;              // a table without rows prints this instead ("No open deadlines.")
    QString csvName;                // a table's name in the CSV ("deadlines"); empty: not exported to CSV
    // The same rows as a file wants them (ISO 8601 dates, money as 1234.50, ids instead of labels where useful),
    // with `csvColumns` as their header; empty: the CSV uses `columns` and `rows` as printed.
    QStringList csvColumns;
    std::vector<QStringList> csvRows;

    static Block heading(const QString& text, int level = 1);
    static Block paragraph(const QString& text, Tone tone = Tone::Normal);
    static Block notice(const QString& text, Tone tone = Tone::Warning);
    static Block fieldList(std::vector<std::pair<QString, QString>> fields);
    static Block table(std::vector<Column> columns, std::vector<QStringList> rows, const QString& emptyText,
                       const QString& csvName = {});
    static Block pageBreak();
};

struct Document {
    QString firmName;       // printed at the top of every page; may be empty
    QString marking;        // "PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED", on every page
    QString title;          // "Case summary", "Deadline diary"
    QString subtitle;       // "BBK-2026-0042 · Copy for counsel", "1 Dec 2026 – 31 Dec 2026 · Team"
    QString watermark;      // across every page ("COPY FOR COUNSEL"); empty: none
    QString profileName;    // the redaction profile or report kind named in the footer ("Counsel")
    QString printedBy;      // display name of the person printing
    QDateTime printedAtUtc; // shown in UK time in the footer
    QString reference;      // the case reference, or empty for a firm report (used in the PDF's title)
    std::vector<Block> blocks;

    // "Printed by Alex Morgan on 27 Nov 2026 at 14:05 · Profile: Counsel" (UK time, Europe/London).
    QString footerText() const;
    // Every word of the document in reading order (marking, title, blocks, footer without page numbers): what a
    // test, a screen reader or a search sees.
    QString plainText() const;
};

// "27 Nov 2026 at 14:05", UK time (Europe/London, so BST in summer), from a UTC instant.
QString ukDateTime(const QDateTime& utc);

// The tables of a document as CSV (UTF-8 with a byte order mark; every cell a spreadsheet could run as a formula
// neutralised): the marking and title first, then each table that has a `csvName`, headed by its name, with its
// column titles, separated by an empty line.
QByteArray toCsv(const Document& document);

}  // namespace claimdesk::core::reports
