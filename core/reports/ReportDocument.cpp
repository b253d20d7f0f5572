#include "reports/ReportDocument.h"

#include "cases/CaseImport.h"
#include "deadlines/DateRules.h"

#include <QTimeZone>

namespace claimdesk::core::reports {

Block Block::heading(const QString& text, int level)
{
    Block b;
    b.kind = Kind::Heading;
    b.text = text;
    b.level = level;
    return b;
}

Block Block::paragraph(const QString& text, Tone tone)
{
    Block b;
    b.kind = Kind::Paragraph;
    b.text = text;
    b.tone = tone;
    return b;
}

Block Block::notice(const QString& text, Tone tone)
{
    Block b;
    b.kind = Kind::Notice;
    b.text = text;
    b.tone = tone;
    return b;
}

Block Block::fieldList(std::vector<std::pair<QString, QString>> fields)
{
    Block b;
    b.kind = Kind::Fields;
    b.fields = std::move(fields);
    return b;
}

Block Block::table(std::vector<Column> columns, std::vector<QStringList> rows, const QString& emptyText,
                   const QString& csvName)
{
    Block b;
    b.kind = Kind::Table;
    b.columns = std::move(columns);
    b.rows = std::move(rows);
    b.emptyText = emptyText;
    b.csvName = csvName;
    return b;
}

Block Block::pageBreak()
{
    Block b;
    b.kind = Kind::PageBreak;
    return b;
}

QString ukDateTime(const QDateTime& utc)
{
    if (!utc.isValid()) {
        return {};
    }
    const QDateTime uk = utc.toTimeZone(QTimeZone(QByteArrayLiteral("Europe/London")));
    return QStringLiteral("%1 at %2").arg(deadlines::ukShortDate(uk.date()), deadlines::ukTime(uk.time()));
}

QString Document::footerText() const
{
    QString text = QStringLiteral("Printed by %1 on %2").arg(printedBy, ukDateTime(printedAtUtc));
    if (!profileName.isEmpty()) {
        text += QStringLiteral(" · Profile: %1").arg(profileName);
    }
    return text;
}

QString Document::plainText() const
{
    QStringList lines;
    if (!firmName.isEmpty()) {
        lines << firmName;
    }
    lines << marking << title;
    if (!subtitle.isEmpty()) {
        lines << subtitle;
    }
    if (!watermark.isEmpty()) {
        lines << watermark;
    }
    for (const Block& b : blocks) {
        switch (b.kind) {
        case Block::Kind::Heading:
        case Block::Kind::Paragraph:
        case Block::Kind::Notice:
            lines << b.text;
            break;
        case Block::Kind::Fields:
            for (const auto& [label, value] : b.fields) {
                lines << label + QStringLiteral(": ") + value;
            }
            break;
        case Block::Kind::Table: {
            QStringList header;
            for (const Column& c : b.columns) {
                header << c.title;
            }
            lines << header.join(QLatin1Char('\t'));
            if (b.rows.empty()) {
                lines << b.emptyText;
            }
            for (const QStringList& row : b.rows) {
                lines << row.join(QLatin1Char('\t'));
            }
            break;
        }
        case Block::Kind::PageBreak:
            break;
        }
    }
    lines << footerText();
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QByteArray toCsv(const Document& document)
{
    QString text;
    text += Csv::formatSafeRecord({document.title, document.subtitle});
    text += Csv::formatSafeRecord({document.marking});
    text += Csv::formatSafeRecord({document.footerText()});
    for (const Block& b : document.blocks) {
        if (b.kind != Block::Kind::Table || b.csvName.isEmpty()) {
            continue;
        }
        text += Csv::formatSafeRecord({});
        text += Csv::formatSafeRecord({b.csvName});
        const bool fileForm = !b.csvColumns.isEmpty();
        QStringList header = b.csvColumns;
        if (!fileForm) {
            for (const Column& c : b.columns) {
                header << c.title;
            }
        }
        text += Csv::formatSafeRecord(header);
        for (const QStringList& row : fileForm ? b.csvRows : b.rows) {
            text += Csv::formatSafeRecord(row);
        }
    }
    return Csv::utf8WithBom(text);
}

}  // namespace claimdesk::core::reports
