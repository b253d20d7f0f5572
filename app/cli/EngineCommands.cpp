#include "EngineCommands.h"

#include "CliExit.h"

#include "deadlines/DeadlineEngine.h"
#include "deadlines/EngineJson.h"
#include "deadlines/HolidayCalendar.h"

#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

namespace claimdesk::cli {

namespace {

constexpr QLatin1String kProgram("claimdesk-cli");

// Invalid input: one line per problem on standard error, nothing on standard output, exit 2.
int invalid(QTextStream& err, const QStringList& lines)
{
    for (const QString& line : lines) {
        err << kProgram << ": " << line << '\n';
    }
    err.flush();
    return toInt(ExitStatus::Usage);
}

}  // namespace

int runHolidays(const HolidaysRequest& request, QTextStream& out, QTextStream& err)
{
    QStringList problems;
    const std::optional<core::Region> region = core::regionFromId(request.region);
    if (!region) {
        problems << QStringLiteral("--region: \"%1\" is not one of england-wales, scotland, northern-ireland")
                        .arg(request.region);
    }
    bool ok = false;
    const int year = request.year.toInt(&ok);
    if (!ok || year < 1900 || year > 2200 || request.year.size() != 4) {
        problems << QStringLiteral("--year: \"%1\" is not a year from 1900 to 2200").arg(request.year);
    }
    if (!problems.isEmpty()) {
        return invalid(err, problems);
    }
    const QList<core::deadlines::Holiday> holidays = core::deadlines::HolidayCalendar::builtIn().holidays(*region, year);
    if (request.json) {
        out << QJsonDocument(core::deadlines::holidaysToJson(holidays)).toJson(QJsonDocument::Indented);
    } else {
        for (const core::deadlines::Holiday& h : holidays) {
            out << h.date.toString(Qt::ISODate) << '\t' << h.name << '\n';
        }
    }
    out.flush();
    return toInt(ExitStatus::Success);
}

int runDeadlines(const DeadlinesRequest& request, QTextStream& out, QTextStream& err)
{
    QFile file;
    bool opened = false;
    if (request.inputPath.isEmpty()) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(request.inputPath);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        err << kProgram << ": "
            << QStringLiteral("Could not read %1: %2.")
                   .arg(request.inputPath.isEmpty() ? QStringLiteral("standard input") : request.inputPath,
                        file.errorString())
            << Qt::endl;
        return toInt(request.inputPath.isEmpty() || file.exists() ? ExitStatus::Failure : ExitStatus::Usage);
    }
    const QByteArray bytes = file.readAll();
    core::deadlines::ParsedInput parsed = core::deadlines::parseEngineInput(bytes);
    const core::deadlines::HolidayCalendar calendar
        = parsed.courtClosures.isEmpty() ? core::deadlines::HolidayCalendar::builtIn()
                                         : core::deadlines::HolidayCalendar::builtIn().withCourtClosures(parsed.courtClosures);
    const core::deadlines::DeadlineEngine engine(calendar);
    QStringList problems;
    for (const core::deadlines::InputProblem& p : parsed.problems) {
        problems << p.line();
    }
    if (problems.isEmpty()) {
        for (const core::deadlines::InputProblem& p : engine.validate(parsed.input)) {
            problems << p.line();
        }
    }
    if (!problems.isEmpty()) {
        return invalid(err, problems);
    }
    const core::deadlines::EngineResult result = engine.compute(parsed.input);
    if (request.text) {
        out << core::deadlines::toText(result);
    } else {
        out << QJsonDocument(core::deadlines::toJson(result)).toJson(QJsonDocument::Indented);
    }
    out.flush();
    return toInt(ExitStatus::Success);
}

}  // namespace claimdesk::cli
