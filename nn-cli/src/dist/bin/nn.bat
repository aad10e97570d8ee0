@echo off
rem nn, as installed from the distribution zip: runs the command line on the jars in ..\lib.
rem Needs a Java 17 (or later) runtime on the PATH or in JAVA_HOME. JVM options: NN_JAVA_OPTS.
setlocal
set "NN_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "VECTOR=--add-modules=jdk.incubator.vector"
if "%NN_VECTOR%"=="off" set "VECTOR="
"%JAVA%" %VECTOR% -Dsun.stdout.encoding=UTF-8 %NN_JAVA_OPTS% -cp "%NN_HOME%\lib\*" dev.nn.cli.Main %*
exit /b %ERRORLEVEL%
