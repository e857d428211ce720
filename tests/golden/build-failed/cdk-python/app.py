#!/usr/bin/env python3
import aws_cdk as cdk

from code_build_build_failed_recent_builds_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "code-build-build-failed-recent-builds")
app.synth()
