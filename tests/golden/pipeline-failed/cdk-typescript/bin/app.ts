#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/pipeline-executions-in-one-thread-a-stack";

const app = new cdk.App();
new ChatOpsStack(app, "pipeline-executions-in-one-thread-a");
app.synth();
