#pragma once

#include "therapy/TherapyTypes.h"

#include <QByteArray>
#include <QDate>
#include <QString>

class QPrinter;

namespace claimdesk::ui {

// The per-case statement of therapy costs for the schedule of loss (TherapyService::statement), as the screen, the
// printer and a spreadsheet get it. It names the case by its reference only — never the client — and carries the
// privilege marking on every printed page.

// "PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED"
QString privilegeMarking();

// The body as HTML (requests, the dated lines, totals), for QTextDocument.
QString statementHtml(const core::therapy::CaseStatement& statement, const QString& printedBy, const QDate& printedOn);
// The body as plain text (what a test or a screen reader reads).
QString statementText(const core::therapy::CaseStatement& statement, const QString& printedBy, const QDate& printedOn);

// CSV, UTF-8 with a byte order mark, every cell that a spreadsheet could run as a formula neutralised with a
// leading apostrophe. Money in pounds with two decimals ("1234.50").
QByteArray statementCsv(const core::therapy::CaseStatement& statement);

// Prints on A4 through render/ (core::reports::therapyStatementDocument): the firm and the privilege marking at the
// top of every page, rows never split across pages; "Printed by … on …" and "Page N of M" at the foot. False when
// the printer could not start.
bool printStatement(QPrinter& printer, const core::therapy::CaseStatement& statement, const QString& printedBy,
                    const QDate& printedOn, const QString& firmName = {});

}  // namespace claimdesk::ui
