#!/usr/bin/env python3
import aws_cdk as cdk

from pipeline_executions_in_one_thread_a_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "pipeline-executions-in-one-thread-a")
app.synth()
