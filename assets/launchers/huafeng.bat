@echo off
rem Huafeng for Windows: double-click this. The first start sets everything up in this window
rem (scripts\bootstrap.py: a virtual environment, the requirements, the default models) and opens the app;
rem later starts open the app with pythonw, without a console window. Needs Python 3.11 from python.org.
setlocal
set "REPO=%~dp0..\.."
if exist "%REPO%\.venv\Scripts\pythonw.exe" (
    start "" "%REPO%\.venv\Scripts\pythonw.exe" "%REPO%\ui.py" %*
    exit /b 0
)
set "PY=python"
where py >nul 2>nul && set "PY=py -3"
echo Setting up Huafeng (first start: a few minutes)...
%PY% "%REPO%\scripts\bootstrap.py" app %*
if errorlevel 1 pause
