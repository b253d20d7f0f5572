#include "ui/therapy/StatementDocument.h"

#include "ui/cases/CaseText.h"
#include "ui/therapy/TherapyText.h"

#include "cases/CaseImport.h"
#include "render/DocumentPainter.h"
#include "reports/CaseDocuments.h"

#include <QCoreApplication>
#include <QPrinter>
#include <QTextDocument>

namespace claimdesk::ui {

using namespace core::therapy;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("StatementDocument", text);
}

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}


QString sessionsCell(const TherapyRequest& r)
{
    return r.sessionsApproved > 0 ? QStringLiteral("%1 / %2").arg(r.sessionsUsed).arg(r.sessionsApproved)
                                  : QStringLiteral("—");
}

}  // namespace

QString privilegeMarking()
{
    return core::reports::privilegeMarking();
}

QString statementHtml(const CaseStatement& s, const QString& printedBy, const QDate& printedOn)
{
    QString html;
    html += QStringLiteral("<html><body>");
    html += QStringLiteral("<h2 style=\"margin-bottom:2px\">%1</h2>").arg(esc(tr("Statement of therapy costs")));
    html += QStringLiteral("<p style=\"margin-top:0px\"><b>%1</b> &nbsp;·&nbsp; %2</p>")
                .arg(esc(tr("Case %1").arg(s.caseReference)),
                     esc(tr("For the schedule of loss: past special damages (cost of treatment).")));
    html += QStringLiteral("<p style=\"color:#555555\">%1</p>")
                .arg(esc(tr("Printed by %1 on %2.").arg(printedBy, ukDate(printedOn))));

    // The therapy arranged.
    html += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Therapy arranged")));
    if (s.requests.empty()) {
        html += QStringLiteral("<p>%1</p>").arg(esc(tr("No therapy has been requested on this case.")));
    } else {
        html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"0\">");
        html += QStringLiteral("<tr style=\"background:#e9eef4\"><th align=\"left\">%1</th><th align=\"left\">%2</th>"
                               "<th align=\"left\">%3</th><th align=\"left\">%4</th><th align=\"right\">%5</th>"
                               "<th align=\"right\">%6</th><th align=\"right\">%7</th></tr>")
                    .arg(esc(tr("Requested")), esc(tr("Provider")), esc(tr("Therapy")), esc(tr("Status")),
                         esc(tr("Sessions used / approved")), esc(tr("Cap")), esc(tr("Paid")));
        for (const TherapyRequest& r : s.requests) {
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td align=\"right\">%5</td>"
                                   "<td align=\"right\">%6</td><td align=\"right\">%7</td></tr>")
                        .arg(esc(ukDate(r.requestedOn)), esc(r.providerName.isEmpty() ? tr("(not chosen)") : r.providerName),
                             esc(modalityText(r)), esc(therapyStatusName(r.status)), esc(sessionsCell(r)),
                             esc(money(r.capPence())), esc(money(r.paidPence)));
        }
        html += QStringLiteral("</table>");
    }

    // The dated lines.
    html += QStringLiteral("<h3 style=\"margin-top:16px\">%1</h3>").arg(esc(tr("Invoices and payments")));
    if (s.lines.empty()) {
        html += QStringLiteral("<p>%1</p>").arg(esc(tr("No invoices yet.")));
    } else {
        html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"0\">");
        html += QStringLiteral("<tr style=\"background:#e9eef4\"><th align=\"left\" width=\"14%\">%1</th>"
                               "<th align=\"left\">%2</th><th align=\"right\" width=\"14%\">%3</th>"
                               "<th align=\"right\" width=\"14%\">%4</th></tr>")
                    .arg(esc(tr("Date")), esc(tr("Description")), esc(tr("Invoiced")), esc(tr("Paid")));
        bool shade = false;
        for (const StatementLine& l : s.lines) {
            html += QStringLiteral("<tr%5><td>%1</td><td>%2</td><td align=\"right\">%3</td><td align=\"right\">%4</td></tr>")
                        .arg(esc(ukDate(l.date)), esc(l.description),
                             l.invoicedPence != 0 ? esc(money(l.invoicedPence)) : QString(),
                             l.paidPence != 0 ? esc(money(l.paidPence)) : QString(),
                             shade ? QStringLiteral(" style=\"background:#f6f8fa\"") : QString());
            shade = !shade;
        }
        html += QStringLiteral("</table>");
    }

    // Totals.
    html += QStringLiteral("<h3 style=\"margin-top:16px\">%1</h3>").arg(esc(tr("Totals")));
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" border=\"0\">");
    const auto total = [&](const QString& label, qint64 pence, bool bold) {
        const QString row = bold
            ? QStringLiteral("<tr><td><b>%1</b></td><td width=\"40\"></td><td align=\"right\"><b>%2</b></td></tr>")
            : QStringLiteral("<tr><td>%1</td><td width=\"40\"></td><td align=\"right\">%2</td></tr>");
        html += row.arg(esc(label), esc(money(pence)));
    };
    total(tr("Invoiced"), s.invoicedPence, false);
    total(tr("Paid by the firm"), s.paidPence, true);
    total(tr("Recovered"), s.recoveredPence, false);
    total(tr("Written off"), s.writtenOffPence, false);
    total(tr("Still to recover"), s.outstandingPence, true);
    html += QStringLiteral("</table>");
    html += QStringLiteral("</body></html>");
    return html;
}

QString statementText(const CaseStatement& statement, const QString& printedBy, const QDate& printedOn)
{
    QTextDocument doc;
    doc.setHtml(statementHtml(statement, printedBy, printedOn));
    return privilegeMarking() + QLatin1Char('\n') + doc.toPlainText();
}

QByteArray statementCsv(const CaseStatement& s)
{
    using core::Csv;
    QString text;
    text += Csv::formatSafeRecord({tr("Statement of therapy costs"), s.caseReference});
    text += Csv::formatSafeRecord({privilegeMarking()});
    text += Csv::formatSafeRecord({});
    text += Csv::formatSafeRecord({tr("Requested"), tr("Provider"), tr("Therapy"), tr("Status"), tr("Sessions approved"),
                                   tr("Sessions used"), tr("Cap (GBP)"), tr("Paid (GBP)")});
    for (const TherapyRequest& r : s.requests) {
        text += Csv::formatSafeRecord({r.requestedOn.toString(Qt::ISODate), r.providerName, modalityText(r),
                                       therapyStatusName(r.status), QString::number(r.sessionsApproved),
                                       QString::number(r.sessionsUsed), core::therapy::decimalPounds(r.capPence()), core::therapy::decimalPounds(r.paidPence)});
    }
    text += Csv::formatSafeRecord({});
    text += Csv::formatSafeRecord({tr("Date"), tr("Description"), tr("Invoiced (GBP)"), tr("Paid (GBP)")});
    for (const StatementLine& l : s.lines) {
        text += Csv::formatSafeRecord({l.date.toString(Qt::ISODate), l.description, core::therapy::decimalPounds(l.invoicedPence),
                                       core::therapy::decimalPounds(l.paidPence)});
    }
    text += Csv::formatSafeRecord({});
    text += Csv::formatSafeRecord({tr("Total invoiced"), QString(), core::therapy::decimalPounds(s.invoicedPence)});
    text += Csv::formatSafeRecord({tr("Total paid"), QString(), QString(), core::therapy::decimalPounds(s.paidPence)});
    text += Csv::formatSafeRecord({tr("Recovered"), QString(), QString(), core::therapy::decimalPounds(s.recoveredPence)});
    text += Csv::formatSafeRecord({tr("Written off"), QString(), QString(), core::therapy::decimalPounds(s.writtenOffPence)});
    text += Csv::formatSafeRecord({tr("Still to recover"), QString(), QString(), core::therapy::decimalPounds(s.outstandingPence)});
    return Csv::utf8WithBom(text);
}

bool printStatement(QPrinter& printer, const CaseStatement& statement, const QString& printedBy, const QDate& printedOn,
                    const QString& firmName)
{
    core::reports::Document document = core::reports::therapyStatementDocument(statement);
    document.firmName = firmName;
    document.printedBy = printedBy;
    document.printedAtUtc = QDateTime(printedOn, QTime::currentTime()).toUTC();
    printer.setDocName(tr("Statement of therapy costs %1").arg(statement.caseReference));
    return render::paint(document, printer).ok();
}

}  // namespace claimdesk::ui
